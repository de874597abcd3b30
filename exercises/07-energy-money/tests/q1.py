from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_pipeline_use_has_the_right_form(use_2024_pct, first_full_year):
    import numbers
    from sinorussia import data
    assert use_2024_pct is not ..., 'use_2024_pct is still ...: replace the ... with a pandas expression'
    assert not hasattr(use_2024_pct, 'index'), 'use_2024_pct is a pandas Series, not one number: pick single values, e.g. delivered[2024] and .item()'
    assert isinstance(use_2024_pct, numbers.Real) and (not isinstance(use_2024_pct, bool)), f'use_2024_pct should be a number, not a {type(use_2024_pct).__name__}'
    assert use_2024_pct > 1, 'use_2024_pct looks like a fraction: multiply by 100 to get percent'
    assert first_full_year is not ..., 'first_full_year is still ...: find the first year at or above the design capacity'
    assert isinstance(first_full_year, numbers.Integral) and (not isinstance(first_full_year, bool)), f'first_full_year should be a year, a whole number, not a {type(first_full_year).__name__}'
    assert 2019 <= first_full_year <= 2100, 'first_full_year should be a year such as 2021 (a label of the index), not a position or a volume'
    gas = data.load('pos1_deliveries').set_index('year')['volume_bcm']
    line = data.load('pipelines').query("pipeline == 'power_of_siberia_1'").set_index('capacity_kind')['capacity']
    assert abs(use_2024_pct - 100 * gas[2024] / line['agreed_expansion']) > 0.05, 'That divides by the agreed expansion: the question asks for the design capacity'
    assert abs(use_2024_pct - 100 * line['design'] / gas[2024]) > 0.05, 'That is the capacity over the deliveries: put the deliveries on top'
    assert abs(use_2024_pct - 100 * gas[2025] / line['design']) > 0.05, 'That uses the 2025 deliveries: the question asks for 2024'

