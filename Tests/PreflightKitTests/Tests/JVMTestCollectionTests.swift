import Foundation
import Testing
@testable import PreflightKit

/// Maven, Gradle and sbt test tasks: the test sources of the projects they run, by convention.
@Suite struct JVMTestCollectionTests {
    static let tree = CollectionFixture(files: [
        "pom.xml", "src/main/java/ml/Model.java", "src/test/java/ml/ModelTest.java", "src/test/java/ml/TestData.java",
        "src/test/java/ml/Helpers.java", "src/test/java/ml/LossTests.java", "src/test/resources/ModelTest.json",
        "serving/pom.xml", "serving/src/test/kotlin/ml/serving/ServerTest.kt", "serving/src/test/java/ml/serving/RouteIT.java",
        "docs/ModelTest.java", "core/src/test/scala/ml/core/ModelSpec.scala", "core/src/test/scala/ml/core/Fixtures.scala",
    ])

    @Test func maven() {
        let phases = ["serving/src/test/kotlin/ml/serving/ServerTest.kt", "src/test/java/ml/LossTests.java", "src/test/java/ml/ModelTest.java", "src/test/java/ml/TestData.java"]
        #expect(Self.tree.collect("mvn -B test") == TestCollection(runner: "mvn", files: phases, problems: []))
        #expect(Self.tree.files("./mvnw clean verify -Pci") == phases)
        #expect(Self.tree.files("mvn -pl serving install") == ["serving/src/test/kotlin/ml/serving/ServerTest.kt"])
        #expect(Self.tree.files("mvn -f serving/pom.xml test") == ["serving/src/test/kotlin/ml/serving/ServerTest.kt"])
        #expect(Self.tree.files("mvn test -Dtest=Model*,!*Tests") == ["src/test/java/ml/ModelTest.java"])
        #expect(Self.tree.files("mvn test -Dtest=ml.Loss*#testZero") == ["src/test/java/ml/LossTests.java"])
        #expect(Self.tree.files("mvn package -DskipTests") == [])
        #expect(Self.tree.problems("mvn install -Dmaven.test.skip=true") == ["tests are skipped (-DskipTests or -Dmaven.test.skip)"])
        #expect(Self.tree.files("mvn package -DskipTests=false") == phases)
        #expect(Self.tree.collect("mvn compile") == nil)
        #expect(Self.tree.collect("mvn clean -DskipTests") == nil)
    }

    @Test func gradle() {
        let all = ["core/src/test/scala/ml/core/Fixtures.scala", "core/src/test/scala/ml/core/ModelSpec.scala",
                   "serving/src/test/java/ml/serving/RouteIT.java", "serving/src/test/kotlin/ml/serving/ServerTest.kt",
                   "src/test/java/ml/Helpers.java", "src/test/java/ml/LossTests.java", "src/test/java/ml/ModelTest.java",
                   "src/test/java/ml/TestData.java"]
        #expect(Self.tree.collect("./gradlew test") == TestCollection(runner: "gradle", files: all, problems: []))
        #expect(Self.tree.files("gradle build --no-daemon") == all)
        #expect(Self.tree.files("./gradlew :serving:test") == ["serving/src/test/java/ml/serving/RouteIT.java", "serving/src/test/kotlin/ml/serving/ServerTest.kt"])
        #expect(Self.tree.files("./gradlew test --tests '*ModelTest'") == ["src/test/java/ml/ModelTest.java"])
        #expect(Self.tree.files("./gradlew test --tests ml.serving.*") == ["serving/src/test/java/ml/serving/RouteIT.java", "serving/src/test/kotlin/ml/serving/ServerTest.kt"])
        #expect(Self.tree.files("./gradlew build -x test") == [])
        #expect(Self.tree.collect("./gradlew assemble") == nil)
    }

    @Test func sbt() {
        let core = ["core/src/test/scala/ml/core/Fixtures.scala", "core/src/test/scala/ml/core/ModelSpec.scala"]
        #expect(Self.tree.files("sbt test", in: "core") == core)
        #expect(Self.tree.files("sbt clean coverage +test", in: "core") == core)
        #expect(Self.tree.files("sbt 'testOnly *ModelSpec'", in: "core") == ["core/src/test/scala/ml/core/ModelSpec.scala"])
        #expect(Self.tree.files("sbt core/test") == core)
        #expect(Self.tree.files("sbt \"core/testOnly ml.core.Model*\"") == ["core/src/test/scala/ml/core/ModelSpec.scala"])
        #expect(Self.tree.collect("sbt compile") == nil)
    }
}
