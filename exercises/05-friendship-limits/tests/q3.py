from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_of_estimates(chart):
    from sinorussia import chartcheck, data
    land = data.load('territory_ceded')
    expected = land[['area_km2']].set_axis(['x'], axis=1)
    chartcheck.expect_chart(chart, 'bar', {'x': 'area_km2', 'y': 'label', 'color': 'area_qualifier'}, expected, what='the area of every estimate in the table, once', sort=())
    labels = chartcheck.points(chart, ['y'])['y']
    assert labels.nunique() == len(land) == len(labels), 'Each estimate should be one bar with its own label: join treaty and estimate'

