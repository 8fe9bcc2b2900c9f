/// Finds every occurrence of many literals in one pass over a file's bytes, ASCII case-insensitively (Aho–Corasick).
///
/// One pass costs the same whatever the number of literals, so rules that add literals add almost nothing to a scan.
/// The transition table is over byte classes: bytes that occur in no literal share one class, which keeps the table
/// small enough to stay in cache.
struct LiteralAutomaton: Sendable {
    /// The lowercased literals, in the order given.
    let literals: [[UInt8]]
    /// The class of each byte; an uppercase ASCII letter has the class of its lowercase letter.
    private let classes: [UInt8]
    private let classCount: Int
    /// `transitions[state + class]` is the next state. States are stored premultiplied by `classCount` and numbered
    /// so that those where a literal ends come last: the scan loop, which waits on one load per byte, then does no
    /// multiplication and needs no second table to know whether a literal ended.
    private let transitions: [UInt32]
    /// The first (premultiplied) state at which some literal ends.
    private let firstTerminal: UInt32
    /// The state before any byte (the trie's root, terminal if a literal is empty).
    private let start: UInt32
    /// The literals that end at each terminal state, including those of its suffixes, by `state / classCount -
    /// firstTerminal / classCount`.
    private let outputs: [[Int32]]

    init(_ literals: [[UInt8]]) {
        self.literals = literals.map { $0.map(LiteralPrefilter.lowercase) }
        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(self.literals.joined()).sorted() where classes[Int(byte)] == 0 {
            classes[Int(byte)] = UInt8(classCount)
            classCount += 1
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classes[Int(upper)] = classes[Int(upper + 32)] }
        self.classes = classes
        self.classCount = classCount

        // The trie: -1 marks a missing edge until the breadth-first pass below fills it from the failure link.
        var transitions = [Int32](repeating: -1, count: classCount)
        var outputs: [[Int32]] = [[]]
        for (number, literal) in self.literals.enumerated() {
            var state = 0
            for byte in literal {
                let slot = state * classCount + Int(classes[Int(byte)])
                if transitions[slot] < 0 {
                    transitions[slot] = Int32(outputs.count)
                    outputs.append([])
                    transitions += [Int32](repeating: -1, count: classCount)
                }
                state = Int(transitions[slot])
            }
            outputs[state].append(Int32(number))
        }
        var failure = [Int](repeating: 0, count: outputs.count)
        var queue: [Int] = []
        for symbol in 0..<classCount {
            if transitions[symbol] < 0 { transitions[symbol] = 0 } else { queue.append(Int(transitions[symbol])) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for symbol in 0..<classCount {
                let slot = state * classCount + symbol
                let fallback = transitions[failure[state] * classCount + symbol]
                if transitions[slot] < 0 {
                    transitions[slot] = fallback
                } else {
                    failure[Int(transitions[slot])] = Int(fallback)
                    queue.append(Int(transitions[slot]))
                }
            }
        }
        // Renumbered: states without output first, in their order, then those with.
        let order = outputs.indices.filter { outputs[$0].isEmpty } + outputs.indices.filter { !outputs[$0].isEmpty }
        var renumbered = [UInt32](repeating: 0, count: order.count)
        for (new, old) in order.enumerated() { renumbered[old] = UInt32(new * classCount) }
        var table = [UInt32](repeating: 0, count: transitions.count)
        for (new, old) in order.enumerated() {
            for symbol in 0..<classCount { table[new * classCount + symbol] = renumbered[Int(transitions[old * classCount + symbol])] }
        }
        let silent = outputs.filter(\.isEmpty).count
        self.transitions = table
        firstTerminal = UInt32(silent * classCount)
        start = renumbered[0]
        self.outputs = order.dropFirst(silent).map { outputs[$0] }
    }

    /// Calls `found(literal, start)` for every occurrence in `bytes`, in order of where it ends; returns whether every
    /// byte is ASCII.
    func forEachOccurrence(in bytes: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) -> Bool {
        var high: UInt8 = 0
        var state = start
        let firstTerminal = firstTerminal, classCount = UInt32(classCount)
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { transitions in
                for offset in bytes.indices {
                    let byte = bytes[offset]
                    high |= byte
                    state = transitions[Int(state &+ UInt32(classes[Int(byte)]))]
                    guard state >= firstTerminal else { continue }
                    for literal in outputs[Int((state &- firstTerminal) / classCount)] {
                        found(Int(literal), offset + 1 - literals[Int(literal)].count)
                    }
                }
            }
        }
        return high < 0x80
    }
}
