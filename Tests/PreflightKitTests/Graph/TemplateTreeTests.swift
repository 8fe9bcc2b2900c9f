import Testing
@testable import PreflightKit

@Suite struct TemplateTreeTests {
    @Test(arguments: [
        ("{{cookiecutter.slug}}/.github/workflows/ci.yml", "{{cookiecutter.slug}}", ".github/workflows/ci.yml"),
        ("template/{{ project }}/src/{{ package }}/Makefile.jinja", "template/{{ project }}/src/{{ package }}", "Makefile"),
        ("ci/.gitlab-ci.yml.tmpl", "ci", ".gitlab-ci.yml"),
    ])
    func aTemplateFileLandsWhereItsProjectPutsIt(path: String, root: String, generated: String) throws {
        let landing = try #require(TemplateTree.generated(path))
        #expect(landing.root == root && landing.path == generated)
    }

    @Test func plainFilesAreNoTemplate() {
        #expect(TemplateTree.generated(".github/workflows/ci.yml") == nil)
        #expect(TemplateTree.generated(".tmpl") == nil)
    }

    @Test func tagsAreTakenOutAndLinesKeepTheirNumbers() {
        let text = "a: {{ cookiecutter.x }}\n{% if y %}\nb: ${{ matrix.v }}\n{# a\ncomment #}\nc: {\"k\": 1}\n{{ unclosed"
        #expect(TemplateTree.rendered(text) == "a: TEMPLATE\n\nb: ${{ matrix.v }}\n\n\nc: {\"k\": 1}\n{{ unclosed")
    }
}
