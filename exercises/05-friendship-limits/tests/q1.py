from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=0, hidden=False)
def test_days_is_a_whole_number(days_no_limits_to_invasion):
    import numbers
    import pandas as pd
    from sinorussia import data
    value = days_no_limits_to_invasion
    assert value is not ..., 'days_no_limits_to_invasion is still ...: subtract one timestamp from the other'
    assert not hasattr(value, 'iloc'), 'days_no_limits_to_invasion is a pandas Series, not one number: pick the single date of each row, e.g. with .item()'
    assert not hasattr(value, 'days'), 'days_no_limits_to_invasion is a Timedelta: take its .days to get a whole number'
    assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'days_no_limits_to_invasion should be a whole number, not a {type(value).__name__}'
    assert value > 0, 'The number of days is negative: subtract the earlier date (the statement) from the later one (the invasion)'
    dates = data.load('events').set_index('event')['date']
    statement = pd.Timestamp(dates[[e for e in dates.index if 'no limits' in e][0]])
    veto = pd.Timestamp(dates[[e for e in dates.index if 'deploring the invasion' in e][0]])
    assert value != (veto - statement).days, "That counts to Russia's veto at the Security Council, the day after: use the row of the invasion itself"

