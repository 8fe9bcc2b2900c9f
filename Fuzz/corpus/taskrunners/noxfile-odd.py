from nox import session
import nox
@session(python="3.12")
async def t(s):
    s.run(*shlex.split("pytest -q"), *["a", "b"], s.run(
  f"x{y}", """
"""
    with s.chdir("../.."):
        s.notify("t")
\
@nox.session(name=1, tags=[)
 def u(session): session.run("x"); session.run(*"a b".split(" "))
