from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=0, hidden=False)
def test_imports_is_one_number_of_the_right_flow(imports_2022):
    import numbers
    from sinorussia import data
    assert imports_2022 is not ..., 'imports_2022 is still ...: replace the ... with a pandas expression'
    assert not hasattr(imports_2022, 'iloc'), 'imports_2022 is a pandas Series or table, not one number: pick one year with [2022] or .item()'
    assert isinstance(imports_2022, numbers.Real) and (not isinstance(imports_2022, bool)), f'imports_2022 should be a number, not a {type(imports_2022).__name__}'
    value = data.load('trade_usd').set_index(['flow', 'year'])['value_usd_bn']
    assert abs(imports_2022 - value['china_exports', 2022]) > 0.005, 'That is what China sold to Russia (its exports): the question asks what China bought, the flow china_imports'
    assert abs(imports_2022 - value['total', 2022]) > 0.005, 'That is the total of both flows: keep only the rows whose flow is china_imports'
    assert abs(imports_2022 - value['china_imports', 2023]) > 0.005, 'That is the value of 2023: check the year you picked'

