ifeq ($(CI),true)
FLAGS = --ci
else
FLAGS = --local
endif
A = $(B) one
B = $(A)$(A)
SELF = $(SELF) x
define SCRIPT
pytest -q
endef
all: all b
	$(MAKE) all
	echo $(A) $(SELF) $(wildcard *.py) $(shell git rev-parse HEAD) $$HOME
b: c
c: b
	$(SCRIPT)
test: FLAGS += -x
a::
	echo 1
a::
	echo 2
