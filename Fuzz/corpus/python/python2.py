import os
import sys

def main():
	print "hello"
	try:
		os.remove(sys.argv[1])
	except OSError, e:
		print >>sys.stderr, `e`
	exec "x = 1"
