import Foundation

/// Ends the process with exit status 2 when a gate runs past its time limit: a pathological file or pattern that
/// got past every other check must cost a pipeline a failed job with a reason, not a hung one.
enum Watchdog {
    static func start(seconds: Double) {
        guard seconds > 0 else { return }
        let thread = Thread {
            Thread.sleep(forTimeInterval: seconds)
            let message = "preflight: error: no decision within the time limit of \(Int(seconds)) s (--time-limit); "
                + "a very large file or a slow pattern in the rubric? Nothing was approved.\n"
            FileHandle.standardError.write(Data(message.utf8))
            _exit(2)   // not exit(): the stuck thread may hold locks that atexit handlers need
        }
        thread.start()
    }
}
