from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_balance_is_a_number(balance_2023_bn):
    import numbers
    from sinorussia import data
    assert balance_2023_bn is not ..., 'balance_2023_bn is still ...: replace the ... with a pandas expression'
    assert not hasattr(balance_2023_bn, 'index'), 'balance_2023_bn is a pandas Series, not one number: select single values by their flow label'
    assert isinstance(balance_2023_bn, numbers.Real) and (not isinstance(balance_2023_bn, bool)), f'balance_2023_bn should be a number, not a {type(balance_2023_bn).__name__}'
    assert abs(balance_2023_bn) < 100, 'The balance is a difference between two flows, each below $150 bn in 2023: did you add them, or use the total?'
    table = data.load('trade_usd').pivot(index='year', columns='flow', values='value_usd_bn')
    assert abs(balance_2023_bn - (table.loc[2023, 'china_imports'] - table.loc[2023, 'china_exports'])) > 0.01, 'That is the balance seen from Russia (imports minus exports): the question asks for it seen from China'
    assert abs(balance_2023_bn - (table.loc[2022, 'china_exports'] - table.loc[2022, 'china_imports'])) > 0.01, 'That is the balance of 2022: use the 2023 rows'

