import Foundation
import Testing
@testable import PreflightKit

/// A Prometheus answer that cannot be used is a typed failure: its kind decides whether it is the source's (said
/// once) or the query's, and every kind fails closed.
@Suite struct PrometheusAnswerTests {
    func kind(_ answer: PrometheusAnswer) -> EvidenceFailure.Kind? {
        if case .failed(let failure) = answer { failure.kind } else { nil }
    }

    @Test func answersThatCannotBeUsedHaveTheirKind() {
        #expect(kind(PrometheusAnswer.parse(Data("<html>".utf8), statusCode: 502, rules: false)) == .unparseable)
        let error = #"{"status":"error","errorType":"bad_data","error":"parse error"}"#
        #expect(kind(PrometheusAnswer.parse(Data(error.utf8), statusCode: 400, rules: false)) == .unreadable)
        #expect(kind(PrometheusAnswer.parse(Data(#"{"status":"success"}"#.utf8), statusCode: 200, rules: false)) == .unparseable)
        let vector = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.5"]}]}}"#
        #expect(kind(PrometheusAnswer.parse(Data(vector.utf8), statusCode: 200, rules: false)) == nil)
    }

    @Test func onlyTheSourcesOwnFailuresAreSourceWide() {
        for kind in EvidenceFailure.Kind.allCases {
            let answer = PrometheusAnswer.failed(EvidenceFailure(kind, "x"))
            #expect(answer.isSourceWide == [.unreachable, .timedOut, .refused].contains(kind), "\(kind)")
            #expect(EvidenceFailure(kind, "x").outcome == (kind == .notKnowable ? .notAvailable : .error))
        }
        #expect(!PrometheusAnswer.samples([]).isSourceWide)
    }
}
