from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_shares_are_numbers(share_of_russia_exports_2023, share_of_china_imports_2023, asymmetry_2023):
    import numbers
    from sinorussia import data
    values = [('share_of_russia_exports_2023', share_of_russia_exports_2023), ('share_of_china_imports_2023', share_of_china_imports_2023), ('asymmetry_2023', asymmetry_2023)]
    for name, value in values:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series or table, not one number: filter down to one row and use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
    assert 0 < share_of_russia_exports_2023 < 100 and 0 < share_of_china_imports_2023 < 100, 'The shares are in percent (column share_pct), between 0 and 100'
    assert asymmetry_2023 > 1, "asymmetry_2023 is below 1: divide the share of Russia's exports by the share of China's imports"
    assert abs(asymmetry_2023 - (share_of_russia_exports_2023 - share_of_china_imports_2023)) > 0.01, 'asymmetry_2023 is a difference in percentage points: the question asks how many times larger, a division'
    rows = data.load('trade_shares').query('year == 2023')
    by_measure = rows.groupby('measure')['share_pct'].apply(set)
    assert share_of_china_imports_2023 not in by_measure.get('russia_share_of_china_trade', set()), "That is Russia's share of China's trade (exports and imports together): the question asks for China's imports"
    assert share_of_russia_exports_2023 not in by_measure.get('china_share_of_russia_imports', set()), "That is China's share of Russia's imports: the question asks for Russia's exports"

