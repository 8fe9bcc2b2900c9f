"""Sessions for CI. Run session.run("pytest", "tests/e2e") by hand."""
import nox
from nox import session as nox_session

nox.options.sessions = ["lint", "tests"]
PYTHONS = ["3.11", "3.12"]


@nox.session(python=["3.11", "3.12"], tags=["test"])
def tests(session: nox.Session) -> None:
    session.install("-e", ".[training]")
    session.run(
        "pytest",
        "-m", "not slow",  # the fast ones
        *session.posargs,
    )
    with session.chdir("docs"):
        session.run(*"sphinx-build -W . _build".split())
    session.run("coverage", "xml")
    session.notify("report")


@nox_session(name="lint", tags=["style"])
def lint_session(session):
    # session.run("pytest", "tests/e2e")
    session.run("ruff", "check", ".")
    _mypy(session)


def _mypy(session):
    session.run("mypy", "src", f"--python-version={session.python}")


@nox.session(default=False)
def report(session):
    session.run(PYTHON, "-m", "coverage", "report")
    session.run("coverage", "html")


def not_a_session(session):
    session.run("pytest", "tests/e2e")


@nox.session
def e2e(session):
    """session.run("pytest") in a docstring is not run."""
    print('session.run("pytest")')
    session.run("pytest", 'tests/' 'e2e', env={"CI": "1"})
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
