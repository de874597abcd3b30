from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=0, hidden=False)
def test_days_are_whole_numbers(days_no_limits_to_war, days_warrant_to_visit):
    import numbers
    for name, value in [('days_no_limits_to_war', days_no_limits_to_war), ('days_warrant_to_visit', days_warrant_to_visit)]:
        assert value is not ..., f'{name} is still ...: subtract one date from the other'
        assert not hasattr(value, 'days'), f'{name} is a Timedelta: take its .days'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: select each date with .item()'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number of days, not a {type(value).__name__}'
        assert value > 0, f'{name} is not positive: subtract the earlier date from the later one'

