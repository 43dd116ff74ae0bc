import pickle
vals = [None, True, 0, 255, 256, 65535, 65536, -1, -2**31, 2**31, -2**40, 1.5, 'x', '中文', 'a' * 300, b'\x00ab', [], [1], [1, 2], {}, {'a': 1}, {'a': [1, 2], 'b': 'x'}, (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), {1, 2}, frozenset([3]), [[1], {'k': (None, False)}]]
for v in vals:
    d = pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)
    print(d.hex(), pickle.loads(d) == v)
print(pickle.dumps({'x': 1}).hex())
s = 'shared'
print(pickle.dumps([s, s]).hex())
