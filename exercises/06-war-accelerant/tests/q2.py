from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_gains_are_numbers(gain_before_bn, gain_after_bn):
    import numbers
    for name, value in [('gain_before_bn', gain_before_bn), ('gain_after_bn', gain_after_bn)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: pick single values, e.g. totals[2021]'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert value > 0, f'{name} is not positive: subtract the earlier total from the later one'
        assert value < 150, f'{name} is too large for a gain over two years (total trade never reached $250 bn): subtract two totals, do not add them'

