from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_line_chart_of_the_yuan_share(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(yuan_rows)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type == 'line', f'The mark is {mark_type!r}: use .mark_line() for a share over time'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'period', 'Put period on the x axis: encode(x="period:T", ...)'
    assert encoding.get('y', {}).get('field') == 'share_pct', 'Put share_pct on the y axis'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'

