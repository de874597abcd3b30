from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_days_is_a_whole_number(days_contract_to_gas):
    import numbers
    import pandas as pd
    from sinorussia import data
    assert days_contract_to_gas is not ..., 'days_contract_to_gas is still ...: subtract the two dates'
    assert not hasattr(days_contract_to_gas, 'days'), 'days_contract_to_gas is a Timedelta: take its .days'
    assert not hasattr(days_contract_to_gas, 'index'), 'days_contract_to_gas is a pandas Series, not one number: select each date with .item()'
    assert isinstance(days_contract_to_gas, numbers.Integral) and (not isinstance(days_contract_to_gas, bool)), f'days_contract_to_gas should be a whole number of days, not a {type(days_contract_to_gas).__name__}'
    assert days_contract_to_gas > 0, 'The result is negative: subtract the earlier date (the contract) from the later one (the first gas)'
    assert days_contract_to_gas > 366, 'That is less than a year: the answer is in days, and the two events are years apart'
    dates = data.load('events').set_index('event')['date']
    signing = pd.to_datetime(dates[[e for e in dates.index if '30-year contract' in e][0]])
    full_rate = pd.to_datetime(dates[[e for e in dates.index if 'reaches its design rate' in e][0]])
    assert days_contract_to_gas != (full_rate - signing).days, 'That counts to the day Power of Siberia 1 reached its design rate: the question asks for the first gas'

