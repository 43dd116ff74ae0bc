from functools import wraps, partial, reduce, lru_cache
def login_required(f):
    @wraps(f)
    def decorated(*args, **kwargs):
        print("checking login for", f.__name__)
        return f(*args, **kwargs)
    return decorated
@login_required
def dashboard(user):
    return f"welcome {user}"
print(dashboard("ann"), dashboard.__name__)
def power(base, exponent):
    return base ** exponent
square = partial(power, exponent=2)
print(square(7), reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 10))
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(15))
