#!/usr/bin/python3
"""svg_bounds.py FILE.svg — exit 1 if a drawn arrow (a <path> of an arrow
group) ends outside the plot area (the clipPath rectangle): arrows must
not be cut by the frame."""
import re, sys
s = open(sys.argv[1]).read()
m = re.search(r'<clipPath id="plotarea"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', s)
x0, y0, w, h = map(float, m.groups())
# only the clipped plot area (the legend draws sample arrows outside it)
start = s.index('<g clip-path="url(#plotarea)">')
area = s[start:s.index('font-family', start)]
bad = 0
for d in re.findall(r'<path d="([^"]+)"', area):
    nums = list(map(float, re.findall(r'-?[\d.]+', d)))
    for px, py in zip(nums[0::2], nums[1::2]):
        if not (x0 - 0.5 <= px <= x0 + w + 0.5 and y0 - 0.5 <= py <= y0 + h + 0.5):
            bad += 1
print(f"{bad} arrow points outside the plot area")
sys.exit(1 if bad else 0)
