from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(espo_share_pct, min_other_route_pct, answer_q5):
    import numbers
    from sinorussia import data
    for name, value in [('espo_share_pct', espo_share_pct), ('min_other_route_pct', min_other_route_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
    assert espo_share_pct > 1, 'espo_share_pct looks like a fraction: multiply by 100 to get percent'
    assert espo_share_pct <= 100, 'espo_share_pct is above 100%: check that the capacity is on top and the 2024 imports below'
    assert 0 <= min_other_route_pct <= 100, 'min_other_route_pct is a percentage of the 2024 imports: it lies between 0 and 100'
    assert abs(min_other_route_pct - espo_share_pct) > 0.1, 'min_other_route_pct equals espo_share_pct: it is the part the pipeline could not have carried'
    volumes = data.load('crude_imports_from_russia').query("measure == 'volume_mt'").set_index('year')['value']
    spur = data.load('pipelines').query("pipeline == 'espo_china_spur'")['capacity'].item()
    assert abs(espo_share_pct - 100 * spur / volumes[2023]) > 0.1, 'That compares the capacity with the 2023 imports: the question asks for 2024'
    assert answer_q5 in ['A', 'B', 'C', 'D'], f'answer_q5 is {answer_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Your espo_share_pct says how much the pipeline could carry at most: is it all?', 'B': 'A capacity is the most a pipeline can carry, not what it delivered', 'D': 'Both are in million tonnes a year: look at the unit column'}
    assert answer_q5 not in why_not, why_not.get(answer_q5, '')

