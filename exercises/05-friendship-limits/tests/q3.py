from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_of_estimates(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(land_rows)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type == 'bar', f'The mark is {mark_type!r}: use .mark_bar()'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'area_km2', 'Put area_km2 on the x axis: the bars run horizontally'
    assert encoding.get('y', {}).get('field') == 'label', 'Put your label column on the y axis, one bar per estimate'
    assert encoding.get('color', {}).get('field') == 'area_qualifier', 'Colour the bars by area_qualifier'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'

