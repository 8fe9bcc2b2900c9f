/// A small model repository whose readiness drops by one point when its canary rollout is removed: CI running
/// tests on pull requests, a test, a canary rollout, and a preflight.yaml naming the model `demo`.
public func canaryRepository() throws -> TemporaryDirectory {
    let repo = try TemporaryDirectory()
    try repo.write(".github/workflows/ci.yml", "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests\n      - run: kubectl apply -f deploy/rollout.yaml\n")
    try repo.write("tests/test_model.py", "def test_x():\n    assert True\n")
    try repo.write("deploy/rollout.yaml", "kind: Rollout\nspec:\n  strategy:\n    canary: {}\n")
    try repo.write("preflight.yaml", "version: 1\nmodel: { name: demo }\npolicy: { minimumScore: 0 }\n")
    try repo.commitAll()
    return repo
}
