s = set()
for x in [2, 3, 4, 10]:
    s.add(x)
print(s, set([2, 3, 4, 10]), {x for x in [2, 3, 4, 10]}, {3, 1, 2}, {1, 2, 3} | {9}, {5, 3, 8, 1}, set([5, 3, 8, 1]), {x * x for x in range(6)}, set([10, 20, 30, 40, 50]))
print(list({7, 1, 4}), sorted({7, 1, 4}), {-1, -2, 5}, set(range(20)), {True, 2}, {100, 5, 33, -1})
