from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=0, hidden=False)
def test_days_is_a_whole_number(days_crimea_to_gas):
    import numbers
    import pandas as pd
    from sinorussia import data
    assert days_crimea_to_gas is not ..., 'days_crimea_to_gas is still ...: subtract one timestamp from the other'
    assert not hasattr(days_crimea_to_gas, 'iloc'), 'days_crimea_to_gas is a pandas Series, not one number: pick the single date of each row, e.g. with .item()'
    assert not hasattr(days_crimea_to_gas, 'days'), 'days_crimea_to_gas is a Timedelta: take its .days to get a whole number'
    assert isinstance(days_crimea_to_gas, numbers.Integral) and (not isinstance(days_crimea_to_gas, bool)), f'days_crimea_to_gas should be a whole number, not a {type(days_crimea_to_gas).__name__}'
    assert days_crimea_to_gas > 0, 'The number of days is negative: subtract the earlier date (Crimea) from the later one (the gas contract)'
    assert days_crimea_to_gas < 366, 'Both events happened in 2014: check that you picked the right two rows'
    events = data.load('events').set_index('event')['date']
    sanctions = events[[e for e in events.index if e.startswith('First US and EU sanctions')][0]]
    contract = events[[e for e in events.index if '30-year contract' in e][0]]
    assert days_crimea_to_gas != (pd.Timestamp(contract) - pd.Timestamp(sanctions)).days, 'That counts from the first sanctions over Crimea, the day before: the question starts from the treaty Putin signed'

