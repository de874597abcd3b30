from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_of_volumes(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(volume_rows)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type == 'bar', f'The mark is {mark_type!r}: use .mark_bar() for one bar per year'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'year', 'Put year on the x axis: encode(x="year:O", ...)'
    assert encoding.get('y', {}).get('field') in ('value', 'volume_mt'), 'Put the volume on the y axis: the column value of the rows you kept'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'

