from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_shares_are_numbers(share_2021, share_2023, share_ratio):
    import numbers
    for name, value in [('share_2021', share_2021), ('share_2023', share_2023), ('share_ratio', share_ratio)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series or table, not one number: filter on measure and basis, then pick one year'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'

@test_case(points=0, hidden=False)
def test_shares_are_percentages(share_2021, share_2023, share_ratio):
    import numbers
    assert all((isinstance(v, numbers.Real) for v in (share_2021, share_2023, share_ratio))), 'Make share_2021, share_2023 and share_ratio numbers first (see the test above)'
    assert 0 < share_2021 < 100 and 0 < share_2023 < 100, 'The shares are in percent (column share_pct), between 0 and 100'
    assert share_ratio > 1, 'share_ratio is below 1: divide the 2023 share by the 2021 share, not the other way round'
    assert abs(share_ratio - (share_2023 - share_2021)) > 0.01, 'share_ratio is a difference in percentage points: the question asks how many times larger, a division'
    assert share_ratio < 10, 'share_ratio looks like a percent change: the question asks how many times larger (a ratio such as 1.5), not by how many percent'

