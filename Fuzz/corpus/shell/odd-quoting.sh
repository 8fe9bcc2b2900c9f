echo $'a\'b' "x \"$(printf '%s' "$(date -u)")\"" ${VAR:-'a b'} $((1 + (2 * 3)))
f() { pytest "$@"; }; f -k 'not slow' 2>&1 >/dev/null
case "$1" in unit|all) pytest tests/unit ;; *) : ;; esac
for t in lint test; do make $t; done
diff <(sort a) >(cat) <<<'here'
echo 'unterminated
