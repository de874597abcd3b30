from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(share_europe_pct, share_eu_pct, answer_q5):
    import numbers
    from sinorussia import data
    for name, value in [('share_europe_pct', share_europe_pct), ('share_eu_pct', share_eu_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert value > 1, f'{name} looks like a fraction: multiply by 100 to get percent'
        assert value <= 100, f"{name} is above 100%: a share of Europe's purchases puts the pipeline's capacity on top and the European figure below"
    assert share_europe_pct != share_eu_pct, 'The two shares are equal: divide by a different European figure for each basis'
    sales = data.load('russia_gas_to_europe')
    gas = data.load('pos1_deliveries').set_index('year')['volume_bcm']
    high = sales.loc[sales['qualifier'] == 'range_high', 'volume_bcm'].item()
    pipe_only = sales.loc[sales['basis'] == 'EU imports from Russia, pipeline (IEA)', 'volume_bcm'].item()
    low = sales.loc[sales['qualifier'] == 'range_low', 'volume_bcm'].item()
    assert all((abs(share_europe_pct - 100 * gas[y] / low) > 0.1 for y in gas.index)), "That uses a year's deliveries: the question asks for the design capacity, what the pipeline can carry"
    design = data.load('pipelines').query("pipeline == 'power_of_siberia_1' and capacity_kind == 'design'")['capacity'].item()
    assert abs(share_europe_pct - 100 * design / high) > 0.1, 'That divides by the high end of the range: take the row whose qualifier is range_low'
    assert abs(share_eu_pct - 100 * design / pipe_only) > 0.1, "share_eu_pct divides by the EU's pipeline imports only: take the row pipeline plus LNG"
    assert answer_q5 in ['A', 'B', 'C', 'D'], f'answer_q5 is {answer_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'B': 'Look at your two shares: are they near 50%?', 'C': 'Your EU share is not near 50% either', 'D': 'Different bases are the point: if the answer is the same on both, the choice does not matter'}
    assert answer_q5 not in why_not, why_not.get(answer_q5, '')

