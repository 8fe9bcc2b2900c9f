PYTEST_ADDOPTS="--maxfail 1" python -m pytest -c pytest.ini --rootdir=.. -o python_files='[!_]*.py' -kmodel tests/*/ tests/test_model.py::test_a --pyargs pkg.tests
coverage run --source src -m pytest -p no:cacheprovider --ignore tests/unit $DIR ../../etc
python -m unittest discover -s tests -p '*_test.py' -t . && python -m unittest tests.test_model.TestModel.test_fit tests/unit/test_loss.py
go test -race -count=1 -run 'Test(Model|Loss)' ./... example.com/service/model/... -args -update
mvn -B -pl core,serving -Dtest='Model*,!*IT#fit' verify && ./gradlew :core:test --tests 'ml.*Test' -x lint && sbt +test "core/testOnly *Spec -- -z fit"
npx jest --ci -c ci/jest.json --testPathIgnorePatterns '<rootDir>/e2e/' src/model && npx vitest run --dir src --exclude 'build/**' model
