from datetime import datetime, date, timedelta, timezone
import datetime as dt
d = datetime(2024, 1, 1, 8, 30)
print(repr(d), d, d.isoformat(), d.year, d.strftime("%d/%m/%Y %H:%M"))
print(repr(d + timedelta(days=1, hours=2)), d - datetime(2023, 12, 31), repr(d - datetime(2023, 12, 31, 8, 30, 0, 5)))
print(repr(date(2024, 2, 29)), date(2024, 3, 1) - date(2024, 2, 1), repr(timedelta(hours=1.5)), timedelta(weeks=1))
print(datetime.fromisoformat("2024-05-06T07:08:09"), repr(datetime.fromisoformat("2024-05-06 07:08:09.123")))
print(d < datetime(2025, 1, 1), d == datetime(2024, 1, 1, 8, 30), isinstance(d, datetime), type(d).__name__, repr(dt.date(2020, 1, 1)))
print(f"{d:%Y}", repr(datetime(2024,1,1,tzinfo=timezone.utc)), datetime(2024,1,1,tzinfo=timezone.utc))
print(timedelta(days=2, seconds=5).total_seconds(), -timedelta(hours=1), timedelta(0))
print(repr(dt.time(8, 30)), dt.time(8, 30, 15))
