from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_coloured_by_phase(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(total_rows)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type == 'bar', f'The mark is {mark_type!r}: use .mark_bar()'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'year', 'Put year on the x axis: encode(x="year:O", ...)'
    assert encoding.get('y', {}).get('field') == 'value_usd_bn', 'Put value_usd_bn on the y axis'
    assert encoding.get('color', {}).get('field') == 'phase', 'Colour the bars by the phase column: encode(..., color="phase:N")'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'

