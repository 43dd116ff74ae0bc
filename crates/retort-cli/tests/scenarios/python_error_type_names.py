# TypeError messages name the datetime and decimal types as CPython does
# ('datetime.datetime', 'decimal.Decimal'), as learners see them.
from datetime import datetime, date, timedelta
from decimal import Decimal
for f in [lambda: datetime(2024, 1, 1) + 1, lambda: date(2024, 1, 1) < "x", lambda: Decimal("1") + 1.5,
          lambda: timedelta(days=1) * "a", lambda: len(datetime(2024,1,1)), lambda: datetime(2024,1,1)["x"],
          lambda: Decimal("1") < "a", lambda: sorted([Decimal("1"), None])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
from collections import defaultdict
counts = defaultdict(int)
for f in [lambda: counts(), lambda: counts + 1, lambda: datetime(2024, 1, 1).nope]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
