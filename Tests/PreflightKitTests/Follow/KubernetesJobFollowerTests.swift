import Testing
@testable import PreflightKit

/// `kubectl apply -f`: the Jobs and CronJobs of a manifest, their containers' command and args.
@Suite struct KubernetesJobFollowerTests {
    static let manifest = """
        # Nightly training and a one-off evaluation. The server below is not a step.
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: nightly-train
          annotations:
            description: "runs pytest tests/ before training"
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: fetch
                      image: busybox
                      command: ["sh", "-c", "python fetch.py && echo ok"]
                  containers:
                    - name: trainer
                      image: ml:latest
                      command:
                        - python
                        - train.py
                      args: ["--epochs", "3"]
                  restartPolicy: Never
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: evaluate
        spec:
          template:
            spec:
              containers:
                - name: eval
                  command: ["pytest", "tests/eval"]
                - name: sidecar
                  image: proxy
              restartPolicy: Never
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: serve
        spec:
          template:
            spec:
              containers:
                - name: server
                  command: ["pytest", "tests/deployment"]
        """

    @Test func requestsTheFilesNamedWithDashF() {
        #expect(request(KubernetesJobFollower.self, "kubectl apply -f k8s/job.yaml") == FollowRequest(candidates: ["k8s/job.yaml"]))
        #expect(request(KubernetesJobFollower.self, "kubectl -n ml --context prod create -f ./a.yml -f b.json")
                == FollowRequest(candidates: ["a.yml", "b.json"]))
        #expect(request(KubernetesJobFollower.self, "kubectl replace --filename=job.yaml --force")?.candidates == ["job.yaml"])
        #expect(request(KubernetesJobFollower.self, "kubectl apply -fjob.yaml")?.candidates == ["job.yaml"])
        #expect(request(KubernetesJobFollower.self, "oc apply -f job.yaml")?.candidates == ["job.yaml"])
    }

    @Test func otherKubectlCommandsDirectoriesAndUrlsAreNotFollowed() {
        for line in ["kubectl get -f job.yaml", "kubectl apply -f k8s/", "kubectl apply -k overlays/prod",
                     "kubectl apply -f https://example.com/job.yaml", "kubectl apply -f -", "kubectl delete -f job.yaml",
                     "kubectl logs -f job/train", "echo kubectl apply -f job.yaml", "kubectl -n apply get pods"] {
            #expect(request(KubernetesJobFollower.self, line) == nil, "\(line)")
        }
    }

    @Test func readsJobsAndCronJobsContainersInOrder() throws {
        let result = try #require(KubernetesJobFollower.follow([], path: "k8s/jobs.yaml", text: Self.manifest))
        #expect(result.steps == [
            FollowedStep(.words(["sh", "-c", "python fetch.py && echo ok"]), line: 17, via: ["CronJob/nightly-train", "fetch"]),
            FollowedStep(.words(["python", "train.py", "--epochs", "3"]), line: 22, via: ["CronJob/nightly-train", "trainer"]),
            FollowedStep(.words(["pytest", "tests/eval"]), line: 36, via: ["Job/evaluate", "eval"]),
        ])
        #expect(result.problems == [CommandProblem(line: 37, message: "Job/evaluate sidecar: no command; the image's entrypoint runs")])
        let workloads = KubernetesJobs(Self.manifest, path: "k8s/jobs.yaml").workloads
        #expect(workloads.map(\.kind) == ["CronJob", "Job"])
        #expect(workloads.map(\.schedule) == ["0 3 * * *", nil])
    }

    @Test func aFileWithoutJobsGivesNilSoTheNextFileIsTried() {
        let deployment = "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - command: [pytest]\n"
        #expect(KubernetesJobFollower.follow([], path: "d.yaml", text: deployment) == nil)
        #expect(KubernetesJobFollower.follow([], path: "c.yaml", text: "# kind: Job\n# command: [pytest]\nkind: ConfigMap\n") == nil)
    }

    @Test func readsTheItemsOfAList() throws {
        let list = """
            {"kind": "List", "items": [
              {"kind": "Job", "metadata": {"name": "t"},
               "spec": {"template": {"spec": {"containers": [{"name": "c", "command": ["make", "test"]}]}}}}
            ]}
            """
        let result = try #require(KubernetesJobFollower.follow([], path: "job.json", text: list))
        #expect(result.steps == [FollowedStep(.words(["make", "test"]), line: 3, via: ["Job/t", "c"])])
    }

    @Test func readsKubeflowTrainingJobsReplicaByReplica() throws {
        let text = """
            apiVersion: kubeflow.org/v1
            kind: PyTorchJob
            metadata: {name: ddp}
            spec:
              runPolicy: {cleanPodPolicy: None}
              pytorchReplicaSpecs:
                Master:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: pytorch
                          command: [torchrun, train.py]
                Worker:
                  replicas: 2
                  template: {spec: {containers: [{name: pytorch, command: [torchrun, train.py], args: [--worker]}]}}
            ---
            apiVersion: example.com/v1
            kind: BackupJob
            spec: {fooReplicaSpecs: {A: {template: {spec: {containers: [{command: [pytest]}]}}}}}
            """
        let result = try #require(KubernetesJobFollower.follow([], path: "ddp.yaml", text: text))
        #expect(result == FollowResult(steps: [
            FollowedStep(.words(["torchrun", "train.py"]), line: 13, via: ["PyTorchJob/ddp", "Master", "pytorch"]),
            FollowedStep(.words(["torchrun", "train.py", "--worker"]), line: 16, via: ["PyTorchJob/ddp", "Worker", "pytorch"]),
        ]))
    }

    @Test func wrongTypesAreProblemsNotCrashes() throws {
        let text = """
            kind: Job
            metadata: {name: bad}
            spec:
              template:
                spec:
                  containers:
                    - name: map
                      command: {run: pytest}
                    - name: string
                      command: python train.py
                    - name: nested
                      command: [python, [train.py]]
                    - name: args
                      command: [python]
                      args: {a: 1}
            ---
            kind: Job
            spec: {template: {spec: {containers: oops}}}
            ---
            kind: CronJob
            spec: 7
            ---
            - just a list
            """
        let result = try #require(KubernetesJobFollower.follow([], path: "bad.yaml", text: text))
        #expect(result.steps == [FollowedStep(.words(["python"]), line: 14, via: ["Job/bad", "args"])])
        #expect(result.problems.map(\.line) == [8, 10, 12, 15, 18, 20])
        let broken = try #require(KubernetesJobFollower.follow([], path: "broken.yaml", text: "kind: Job\n  spec: [\n"))
        #expect(broken.steps.isEmpty && broken.problems.count == 1)
    }
}
