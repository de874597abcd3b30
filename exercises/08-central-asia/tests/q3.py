from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_by_source(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(rows_2024)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type == 'bar', f'The mark is {mark_type!r}: use .mark_bar() to compare a few values'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'value_usd_bn', 'Put value_usd_bn on the x axis (horizontal bars)'
    assert encoding.get('y', {}).get('field') == 'basis', 'Put basis on the y axis: one bar per source of the figures'
    assert encoding.get('color', {}).get('field') == 'partner', 'Colour the bars by partner: encode(color="partner:N")'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'

