from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_share_lead_is_a_number_of_points(share_lead_pp):
    import numbers
    assert share_lead_pp is not ..., 'share_lead_pp is still ...: replace the ... with a pandas expression'
    assert not hasattr(share_lead_pp, 'index'), "share_lead_pp is a pandas Series, not one number: select each partner's share by its label"
    assert isinstance(share_lead_pp, numbers.Real) and (not isinstance(share_lead_pp, bool)), f'share_lead_pp should be a number, not a {type(share_lead_pp).__name__}'
    assert share_lead_pp > 0, "Write China's share minus Russia's share (China's is the larger one in 2024)"
    assert share_lead_pp < 50, 'A difference of two shares of the same total: subtract them, do not add them or divide them'

