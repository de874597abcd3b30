from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_sums_have_the_right_form(sum_reported, sum_low, audit_q5):
    import numbers
    for name, value in [('sum_reported', sum_reported), ('sum_low', sum_low)]:
        assert value is not ..., f'{name} is still ...: add two values of the area_km2 column'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: pick each area with .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
    assert sum_low < sum_reported, 'sum_low should use the smaller estimate of the Aigun cession: check which Aigun row each sum uses'
    assert audit_q5 in ['A', 'B', 'C', 'D'], f'audit_q5 is {audit_q5!r}: it should be one capital letter in quotes, e.g. "A"'

