#!/bin/sh
# test-plots.sh — the pictures of issue 12: plot_field (arrows of a field
# on a box, orbits of a generator), plot_contour (level sets), arrows never
# cut by the frame (tests/cli/svg_bounds.py), labels of plot_quiver, equal
# aspect of plot_lines, and PNG / PDF through cairo (skipped when this
# sym was built without cairo).  Needs SYM and /usr/bin/python3.
set -u
sym=${SYM:-sym}
top=$(cd "${srcdir:-.}" && pwd)
py=/usr/bin/python3
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symplot.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99

run() { "$sym" -e "$1" > out 2> err || { fail "$1: $(cat err)"; return 1; }; cat out; }

# a 15 x 15 field and 6 closed orbits of the rotation; the count is
# arrows + orbits
n=$(run 'coords x, y; plot_field("rot.svg", [-y; x], [[-2, 2], [-2, 2]], orbits = so(2)[1])')
[ "$n" = 231 ] || fail "plot_field: expected 225 arrows + 6 orbits, got '$n'"
grep -q '<polyline' rot.svg || fail "plot_field: no orbit drawn"
"$py" "$top/tests/cli/svg_bounds.py" rot.svg >/dev/null || fail "plot_field: arrows cut by the frame"
# every orbit of the rotation through (r, .) stays on its circle
"$py" - rot.svg <<'PY' || fail "plot_field: an orbit of so(2) is not a circle"
import re, sys
s = open(sys.argv[1]).read()
for pts in re.findall(r'<polyline[^>]*points="([^"]+)"', s):
    xy = [tuple(map(float, p.split(','))) for p in pts.split()]
    cx = sum(p[0] for p in xy) / len(xy); cy = sum(p[1] for p in xy) / len(xy)
    r = [((p[0] - cx) ** 2 + (p[1] - cy) ** 2) ** 0.5 for p in xy]
    if max(r) - min(r) > 0.02 * max(r) + 0.5:
        sys.exit(1)
PY
# a quiver of 9 arrows: none cut by the frame; legend labels as given
run 'coords x, y; X = fmat([-1,-1;-1,0;-1,1;0,-1;0,0;0,1;1,-1;1,0;1,1]); plot_quiver("q.svg", X, eval([-y; x], X), X, eval([-y; x], X), labels = ["observed", "fitted"])' >/dev/null
"$py" "$top/tests/cli/svg_bounds.py" q.svg >/dev/null || fail "plot_quiver: arrows cut by the frame"
grep -q '>observed<' q.svg && grep -q '>fitted<' q.svg || fail "plot_quiver: labels not in the legend"
# contours of x^2 + y^2 at 1/4 and 1: two circles of radius 1/2 and 1
n=$(run 'coords x, y; plot_contour("c.svg", x^2 + y^2, [[-2, 2], [-2, 2]], levels = [1/4, 1], n = 60)')
[ "${n:-0}" -gt 20 ] || fail "plot_contour: expected segments, got '$n'"
grep -q 'f = 0.25' c.svg && grep -q 'f = 1<' c.svg || fail "plot_contour: level labels missing"
# equal aspect: a unit circle drawn by plot_lines spans as many pixels
# across as up and down
run 'plot_lines("circ.svg", map(k -> cos(k/10), 0:63), [map(k -> sin(k/10), 0:63)], equal = true)' >/dev/null
"$py" - circ.svg <<'PY' || fail "plot_lines: equal = true does not keep a circle round"
import re, sys
s = open(sys.argv[1]).read()
pts = re.search(r'<polyline[^>]*points="([^"]+)"', s).group(1)
xy = [tuple(map(float, p.split(','))) for p in pts.split()]
w = max(p[0] for p in xy) - min(p[0] for p in xy); h = max(p[1] for p in xy) - min(p[1] for p in xy)
sys.exit(0 if abs(w - h) < 0.02 * w else 1)
PY
# errors
"$sym" -e 'coords x, y; plot_field("e.svg", [-y; x], [[1, -1], [-1, 1]])' 2> err >/dev/null &&
    fail "a bad box was accepted"
grep -q 'lo < hi' err || fail "bad box: unclear error: $(cat err)"
"$sym" -e 'coords x, y, z; plot_field("e.svg", [-y; x; z], [[-1, 1], [-1, 1]])' 2> err >/dev/null &&
    fail "a field in R^3 was accepted"
# a fitted scalar model draws its level sets; as a field it is refused
n=$(run 'coords x, y; X = sample(10, [[-1, 1], [-1, 1]], seed = 1); m = fit(polys(scalars(so(2)), 2), X, eval(x^2 + y^2, X)); plot_contour("m.svg", m, [[-1, 1], [-1, 1]], levels = [1/4], n = 40)')
[ "${n:-0}" -gt 20 ] || fail "plot_contour of a model: expected segments, got '$n'"
"$sym" -e 'coords x, y; X = sample(10, [[-1, 1], [-1, 1]], seed = 1); m = fit(polys(scalars(so(2)), 1), X, eval(x + y, X)); plot_field("e.svg", m, [[0, 1], [0, 1]])' 2> err >/dev/null &&
    fail "a scalar model was drawn as a field"
grep -q 'must be a vector field on the plane' err || fail "scalar model as field: unclear error: $(cat err)"
# PNG and PDF through cairo
if "$sym" -e 'coords x, y; plot_field("rot.png", [-y; x], [[-1, 1], [-1, 1]], n = 5)' > out 2> err; then
    head -c 8 rot.png | od -An -c | grep -q 'P   N   G' || fail "rot.png is not a PNG"
    run 'coords x, y; plot_contour("c.pdf", x^2 - y^2, [[-1, 1], [-1, 1]], orbits = [0, 1; 1, 0])' >/dev/null
    head -c 5 c.pdf | grep -q '%PDF-' || fail "c.pdf is not a PDF"
    run 'plot_svals("s.png", [0.1, 1], [1, 1/1000; 1, 1/10], [1, 0])' >/dev/null
    [ -s s.png ] || fail "plot_svals to PNG wrote nothing"
elif grep -q 'without cairo' err; then
    echo "note: built without cairo; PNG/PDF not tested"
else
    fail "PNG: $(cat err)"
fi
[ $fails = 0 ] && echo "plots ok"
[ $fails = 0 ]
