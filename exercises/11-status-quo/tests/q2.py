from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_use_figures_are_percentages(use_2024_pct, use_2025_pct):
    import numbers
    from sinorussia import data
    for name, value in [('use_2024_pct', use_2024_pct), ('use_2025_pct', use_2025_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: use .item() or select one year'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert 5 < value < 200, f'{name} should be deliveries divided by capacity, times 100: check that you multiplied by 100 and divided the right way round'
    line = data.load('pipelines').query("pipeline == 'power_of_siberia_1'").set_index('capacity_kind')['capacity']
    flows = data.load('pos1_deliveries').set_index('year')['volume_bcm']
    assert abs(use_2024_pct - 100 * flows[2024] / line['agreed_expansion']) > 0.01, 'That divides by the agreed expansion: the question asks for the design capacity'
    assert abs(use_2024_pct - 100 * line['design'] / flows[2024]) > 0.01, 'That is the capacity over the deliveries: put the deliveries on top'
    assert abs(use_2024_pct - 100 * flows[2025] / line['design']) > 0.01, "use_2024_pct and use_2025_pct look swapped: each year's deliveries go with its own variable"

