from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=0, hidden=False)
def test_days_are_whole_numbers(days_no_limits_to_war, days_warrant_to_visit):
    import numbers
    import pandas as pd
    from sinorussia import data
    for name, value in [('days_no_limits_to_war', days_no_limits_to_war), ('days_warrant_to_visit', days_warrant_to_visit)]:
        assert value is not ..., f'{name} is still ...: subtract one date from the other'
        assert not hasattr(value, 'days'), f'{name} is a Timedelta: take its .days'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: select each date with .item()'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number of days, not a {type(value).__name__}'
        assert value > 0, f'{name} is not positive: subtract the earlier date from the later one'
    dates = data.load('events').set_index('event')['date']

    def dated(words):
        return pd.Timestamp(dates[[e for e in dates.index if words in e][0]])
    assert days_no_limits_to_war != (dated('deploring the invasion') - dated('no limits')).days, "days_no_limits_to_war counts to Russia's veto, the day after the invasion: use the row of the invasion itself"
    assert days_warrant_to_visit != (dated('state visit to Moscow') - dated('third term as president')).days, "days_warrant_to_visit starts from Xi's election to a third term: start from the ICC's arrest warrants"

