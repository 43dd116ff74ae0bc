//! Built-in types, functions, methods and formatting compared with CPython
//! 3.11 output (each expectation was produced by running the snippet with
//! CPython).

mod common;

fn check_all(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (source, expected) in cases {
        let (output, result) = common::run(source);
        let output = match result {
            Ok(()) => output,
            Err(error) => format!("{output}{}", error.format_traceback()),
        };
        if output != *expected {
            failures.push(format!(
                "source:\n{source}\nexpected: {expected:?}\nactual:   {output:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn float_repr_match_cpython() {
    check_all(&[
        (
            "print(0.1, 1/3, 2/3, 1e16, 1e-5, 1.0, 100.0, 12666.666666666666, 3.0*1.1, -0.0, 1e22, 123456789.123456789)",
            "0.1 0.3333333333333333 0.6666666666666666 1e+16 1e-05 1.0 100.0 12666.666666666666 3.3000000000000003 -0.0 1e+22 123456789.12345679\n",
        ),
        (
            "print(float('nan'), float('inf'), -float('inf'), 5e-324, 1.7976931348623157e308, 0.000123, 2.5e-7)",
            "nan inf -inf 5e-324 1.7976931348623157e+308 0.000123 2.5e-07\n",
        ),
        (
            "print(repr(1.5), str(2.25), 10/4, 7/7, 2**0.5, 1e100)",
            "1.5 2.25 2.5 1.0 1.4142135623730951 1e+100\n",
        ),
    ]);
}

#[test]
fn str_repr_match_cpython() {
    check_all(&[
        (
            "print(repr('abc'), repr(\"it's\"), repr('say \"hi\"'), repr('both \\' \"'), repr('tab\\tnew\\nline'), repr('张三'), repr('back\\\\slash'))",
            "'abc' \"it's\" 'say \"hi\"' 'both \\' \"' 'tab\\tnew\\nline' '张三' 'back\\\\slash'\n",
        ),
        (
            "print(['a', \"b'c\"], ('x',), {'k': 'v'}, {'s'}, repr(''), str(None), [None, True, 1.5])",
            "['a', \"b'c\"] ('x',) {'k': 'v'} {'s'} '' None [None, True, 1.5]\n",
        ),
    ]);
}

#[test]
fn containers_match_cpython() {
    check_all(&[
        (
            "print((), (1,), (1, 2), [], {}, set(), frozenset({1}), {1: 'a', True: 'b', 1.0: 'c'}, range(5), range(1, 10, 2))",
            "() (1,) (1, 2) [] {} set() frozenset({1}) {1: 'c'} range(0, 5) range(1, 10, 2)\n",
        ),
        (
            "d = {'b': 2, 'a': 1}\nd['c'] = 3\ndel d['b']\nprint(d, list(d), list(d.keys()), list(d.values()), list(d.items()), d.get('z'), d.get('z', 0))",
            "{'a': 1, 'c': 3} ['a', 'c'] ['a', 'c'] [1, 3] [('a', 1), ('c', 3)] None 0\n",
        ),
        (
            "d = {'a': 1}\nprint(d.keys(), d.values(), d.items(), d.setdefault('b', 5), d.pop('a'), d, d.pop('x', None))",
            "dict_keys(['b']) dict_values([5]) dict_items([('b', 5)]) 5 1 {'b': 5} None\n",
        ),
        (
            "l = [3, 1, 2]\nl.append(5)\nl.extend([0])\nl.insert(1, 9)\nprint(l, l.pop(), l.pop(0), l, l.index(2), l.count(1))\nl.sort()\nprint(l)\nl.sort(reverse=True)\nprint(l)\nl.reverse()\nprint(l, l.copy(), l[::-1], l[1:3], l[-2:], l[::2])",
            "[9, 1, 2, 5] 0 3 [9, 1, 2, 5] 2 1\n[1, 2, 5, 9]\n[9, 5, 2, 1]\n[1, 2, 5, 9] [1, 2, 5, 9] [9, 5, 2, 1] [2, 5] [5, 9] [1, 5]\n",
        ),
        (
            "s = {1, 2, 3}\ns.add(4)\ns.discard(1)\nprint(s, s | {9}, s & {2, 3}, s - {2}, s ^ {3, 10}, s.union([7]), s.issubset({2,3,4,5}), 3 in s)",
            "{2, 3, 4} {9, 2, 3, 4} {2, 3} {3, 4} {2, 10, 4} {2, 3, 4, 7} True True\n",
        ),
        (
            "print([1, 2] + [3], [0] * 3, 'ab' * 2, (1,) + (2,), [1, 2] == [1, 2], (1, 2) < (1, 3), [1, [2]] == [1, [2]], 'a' < 'b')",
            "[1, 2, 3] [0, 0, 0] abab (1, 2) True True True True\n",
        ),
        (
            "m = [[0] * 2 for _ in range(2)]\nm[0][1] = 5\nprint(m, len(m), sorted({'b': 1, 'a': 2}), list(reversed([1, 2, 3])), dict(zip('ab', [1, 2])), dict(a=1, b=2))",
            "[[0, 5], [0, 0]] 2 ['a', 'b'] [3, 2, 1] {'a': 1, 'b': 2} {'a': 1, 'b': 2}\n",
        ),
        (
            "print(dict([('x', 1)]), list('abc'), tuple([1, 2]), set([1, 1, 2]), list(range(3)), list(range(10, 0, -3)), range(5)[2], range(5)[-1], 3 in range(5))",
            "{'x': 1} ['a', 'b', 'c'] (1, 2) {1, 2} [0, 1, 2] [10, 7, 4, 1] 2 4 True\n",
        ),
    ]);
}

#[test]
fn str_methods_match_cpython() {
    check_all(&[
        (
            "s = 'Hello, World'\nprint(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.split(', '), s.find('o'), s.rfind('o'), s.index('W'), s.count('l'))",
            "HELLO, WORLD hello, world Hello, World Hello, world hELLO, wORLD ['Hello', 'World'] 4 8 7 3\n",
        ),
        (
            "print('  x  '.strip(), '--x--'.strip('-'), 'xxay'.lstrip('x'), 'ayxx'.rstrip('x'), 'a,b,,c'.split(','), 'a b  c'.split(), 'a,b,c'.rsplit(',', 1), 'a,b,c'.split(',', 1))",
            "x x ay ay ['a', 'b', '', 'c'] ['a', 'b', 'c'] ['a,b', 'c'] ['a', 'b,c']\n",
        ),
        (
            "print('42'.zfill(5), '-42'.zfill(5), 'ab'.ljust(5, '.'), 'ab'.rjust(5), 'ab'.center(7, '*'), 'abc'.startswith('ab'), 'abc'.endswith(('x', 'c')), 'abc'.replace('b', 'B'))",
            "00042 -0042 ab...    ab ***ab** True True aBc\n",
        ),
        (
            "print('123'.isdigit(), 'abc'.isalpha(), 'ab1'.isalnum(), '  '.isspace(), 'ABC'.isupper(), 'abc'.islower(), 'Hello World'.istitle(), 'a-b-c'.partition('-'), 'a-b-c'.rpartition('-'))",
            "True True True True True True True ('a', '-', 'b-c') ('a-b', '-', 'c')\n",
        ),
        (
            "print(', '.join(['a', 'b']), 'x'.join('abc'), 'line1\\nline2'.splitlines(), 'abc'[1], 'abc'[-1], 'abcdef'[1:4], 'abcdef'[::-2], len('张三'), 'prefix_x'.removeprefix('prefix_'))",
            "a, b axbxc ['line1', 'line2'] b c bcd fdb 2 x\n",
        ),
        (
            "print(str(42), str(3.5), str(True), str([1, 'a']), int('42'), int(' -7 '), int('ff', 16), int(3.99), int(-3.99), float('1.5'), float(2), bool(''), bool('x'), bool(0), bool([0]))",
            "42 3.5 True [1, 'a'] 42 -7 255 3 -3 1.5 2.0 False True False True\n",
        ),
    ]);
}

#[test]
fn formatting_match_cpython() {
    check_all(&[
        (
            "x = 3.14159\nn = 1234567\nprint(f'{x:.2f}|{x:8.3f}|{x:<8.1f}|{x:^9.2f}|{x:e}|{x:.2e}|{x:g}|{x:%}|{0.256:.1%}')",
            "3.14|   3.142|3.1     |  3.14   |3.141590e+00|3.14e+00|3.14159|314.159000%|25.6%\n",
        ),
        (
            "n = 1234567\nprint(f'{n:,}|{n:_}|{n:>12,}|{n:x}|{n:X}|{n:#x}|{n:o}|{n:b}|{255:08b}|{-42:+d}|{42:+d}|{42: d}|{7:03}')",
            "1,234,567|1_234_567|   1,234,567|12d687|12D687|0x12d687|4553207|100101101011010000111|11111111|-42|+42| 42|007\n",
        ),
        (
            "s = 'hi'\nprint(f'{s:>5}|{s:<5}|{s:^6}|{s:*^6}|{s!r}|{s!s:>4}|{s=}|{1+1=}|{\"q\"}|{{braces}}')",
            "   hi|hi   |  hi  |**hi**|'hi'|  hi|s='hi'|1+1=2|q|{braces}\n",
        ),
        (
            "print('%s|%r|%d|%i|%f|%.2f|%5s|%-5s|%x|%X|%o|%e|%g|%%|%05.1f|%+d' % ('a', 'a', 42, 7, 1.5, 2.345, 'ab', 'ab', 255, 255, 8, 12345.678, 0.00001234, 3.14159, 5))",
            "a|'a'|42|7|1.500000|2.35|   ab|ab   |ff|FF|10|1.234568e+04|1.234e-05|%|003.1|+5\n",
        ),
        (
            "print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30}, '%s' % 'solo', '%s and %s' % ('a', 'b'), '%.3s' % 'abcdef', '%c' % 65)",
            "Ann is 30 solo a and b abc A\n",
        ),
        (
            "print('{} and {}'.format(1, 2), '{1} {0}'.format('a', 'b'), '{name}!'.format(name='x'), '{0[0]} {0[1]}'.format(['p', 'q']), '{:>6.2f}'.format(3.14159), '{:,}'.format(10**6), '{0:{1}}'.format('w', 5) + '|')",
            "1 and 2 b a x! p q   3.14 1,000,000 w    |\n",
        ),
        (
            "class P:\n    name = 'pn'\nprint('{p.name}'.format(p=P()), '{d[key]}'.format(d={'key': 'v'}), format(3.5, '06.2f'), format(12, 'x'), format('s', '>3'), format(True), format(1234.5, ','))",
            "pn v 003.50 c   s True 1,234.5\n",
        ),
        (
            "print(f'{True}', f'{None}', f'{[1, 2]}', f'{3.0}', f'{1e20}', f'{-0.5:.0f}', f'{0.5:.0f}', f'{1.5:.0f}', f'{2.5:.0f}', f'{1234.5678:,.2f}', f'{42:5d}|', f'{True:d}', f'{3:.2f}')",
            "True None [1, 2] 3.0 1e+20 -0 0 2 2 1,234.57    42| 1 3.00\n",
        ),
    ]);
}

#[test]
fn numbers_match_cpython() {
    check_all(&[
        (
            "print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, 10 / 4, 9 / 3, divmod(17, 5), divmod(-17, 5), abs(-3), abs(-2.5), pow(2, 5), pow(2, 10, 1000))",
            "3 -4 1 2 -2 1024 0.5 2.5 3.0 (3, 2) (-4, 3) 3 2.5 32 24\n",
        ),
        (
            "print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(0.125, 2), round(1234, -2), round(1250, -2), round(7.0), round(1.23456, 3), round(5))",
            "2 4 -2 2.67 0.12 1200 1200 7 1.235 5\n",
        ),
        (
            "print(1 + 2.0, 3 * True, True + True, 0.1 + 0.2 == 0.3, 1 == 1.0, 5 > 3.5, max(1, 2.5, 2), min([4, 2, 8]), sum([0.1] * 10), sum([1, 2, 3], 10), 1_000_000, 0x1f, 0o17, 0b101)",
            "3.0 3 2 False True True 2.5 2 0.9999999999999999 16 1000000 31 15 5\n",
        ),
        (
            "print(int(True), float('  -inf'), 10 ** 18, -2 ** 2, (-2) ** 2, 6 & 3, 6 | 3, 6 ^ 3, ~5, 1 << 10, 1024 >> 3, -9 >> 1, hash(42), 3.0.is_integer(), (255).bit_length())",
            "1 -inf 1000000000000000000 -4 4 2 7 5 -6 1024 128 -5 42 True 8\n",
        ),
        (
            "print(max([3, 1, 2], key=lambda v: -v), min('bca'), max([], default='empty'), sorted([3, 1, 2], reverse=True), sorted(['b', 'A', 'c'], key=str.lower), any([]), all([]), any([0, 1]))",
            "1 a empty [3, 2, 1] ['A', 'b', 'c'] False True True\n",
        ),
        (
            // min() asks `item < best`, max() `item > best`: the TypeError
            // names that operator and the operands in that order.
            "for f in [lambda: max([3.5, None]), lambda: min([3.5, None])]:\n    try:\n        f()\n    except TypeError as e:\n        print(e)",
            "'>' not supported between instances of 'NoneType' and 'float'\n'<' not supported between instances of 'NoneType' and 'float'\n",
        ),
    ]);
}

#[test]
fn builtins_match_cpython() {
    check_all(&[
        (
            "print(len([1, 2]), len('abc'), len({'a': 1}), type(1).__name__, type('x'), type([]), type(None).__name__, isinstance(1, (str, int)), isinstance(True, int), issubclass(bool, int))",
            "2 3 1 int <class 'str'> <class 'list'> NoneType True True True\n",
        ),
        (
            "print(list(enumerate(['a', 'b'])), list(zip([1, 2, 3], 'ab')), list(map(lambda x: x * 2, [1, 2])), list(filter(None, [0, 1, '', 'a'])), list(filter(lambda x: x > 1, [1, 2, 3])))",
            "[(0, 'a'), (1, 'b')] [(1, 'a'), (2, 'b')] [2, 4] [1, 'a'] [2, 3]\n",
        ),
        (
            "it = iter([1, 2])\nprint(next(it), next(it), next(it, 'end'), chr(65), ord('a'), ord('张'), callable(len), callable(1), repr(None), ascii('é'))",
            "1 2 end A 97 24352 True False None '\\xe9'\n",
        ),
        (
            "class A:\n    x = 1\na = A()\nsetattr(a, 'y', 2)\nprint(getattr(a, 'x'), getattr(a, 'z', 'no'), hasattr(a, 'y'), hasattr(a, 'q'), vars(a))\ndelattr(a, 'y')\nprint(hasattr(a, 'y'), a.__class__.__name__, A.__name__, type(a) is A)",
            "1 no True False {'y': 2}\nFalse A A True\n",
        ),
        (
            "g = (x * x for x in range(4))\nprint(sum(g), sum(x for x in range(5) if x % 2), [y for x in [[1, 2], [3]] for y in x], {x: x ** 2 for x in range(3)}, {c for c in 'aab'})",
            "14 4 [1, 2, 3] {0: 0, 1: 1, 2: 4} {'a', 'b'}\n",
        ),
        (
            "x = 10\ndef f():\n    global x\n    x += 1\n    return x\nf()\nprint(x, (lambda a, b=2, *c, **d: (a, b, c, d))(1, 3, 4, k=5), (lambda: 'none')())",
            "11 (1, 3, (4,), {'k': 5}) none\n",
        ),
        (
            "def f(a, /, b, *, c=3, **rest):\n    return a, b, c, rest\nprint(f(1, 2), f(1, b=2, c=4, z=0), f(*[1, 2]), f(1, **{'b': 5}))",
            "(1, 2, 3, {}) (1, 2, 4, {'z': 0}) (1, 2, 3, {}) (1, 5, 3, {})\n",
        ),
    ]);
}
