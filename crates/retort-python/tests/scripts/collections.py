from collections import defaultdict, Counter, namedtuple
groups = defaultdict(list)
for name, team in [("ann", "red"), ("bob", "blue"), ("cy", "red")]:
    groups[team].append(name)
print(groups, dict(groups), groups["red"], len(groups), "red" in groups, sorted(groups.items()))
counts = Counter("mississippi")
print(counts, counts.most_common(2), counts["s"], counts["z"])
words = Counter(["a", "b", "a"])
words.update(["b", "b"])
print(words)
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
x, y = p
print(p, p.x, p[1], x + y, p == Point(1, 2), p._asdict(), Point._fields, len(p))
nums = defaultdict(int)
nums["a"] += 5
print(nums)
