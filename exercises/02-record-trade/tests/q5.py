from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(cny_rate_2023, article_currency):
    import numbers
    from sinorussia import data
    assert cny_rate_2023 is not ..., 'cny_rate_2023 is still ...: look it up in trade_cny'
    assert not hasattr(cny_rate_2023, 'index'), 'cny_rate_2023 is a pandas Series, not one number: use .item()'
    assert isinstance(cny_rate_2023, numbers.Real) and (not isinstance(cny_rate_2023, bool)), f'cny_rate_2023 should be a number, not a {type(cny_rate_2023).__name__}'
    assert article_currency in ['USD', 'CNY'], f'article_currency is {article_currency!r}: write "USD" or "CNY", in quotes'
    yuan = data.load('trade_cny').query("flow == 'total'").set_index('year')['reported_yoy_pct']
    dollars = data.load('trade_usd').query("flow == 'total'").set_index('year')['reported_yoy_pct']
    assert abs(cny_rate_2023 - yuan[2022]) > 0.01, 'That is the rate for 2022, one year too early: take the 2023 row'
    assert abs(cny_rate_2023 - dollars[2023]) > 0.01, 'That rate comes from trade_usd, the dollar table: the question asks for trade_cny'
    assert article_currency != 'USD', "The article's 32.7% is not the dollar growth you computed in question 1: compare it with cny_rate_2023"

