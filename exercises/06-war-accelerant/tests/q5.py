from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(pos2_multiple, gain_multiple, answer_q5):
    import numbers
    from sinorussia import data
    for name, value in [('pos2_multiple', pos2_multiple), ('gain_multiple', gain_multiple)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a ratio'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: select single values by their label'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert 0 < value < 20, f'{name} looks like a percentage: a multiple is a ratio (new / old), not multiplied by 100'
    by_year = data.load('trade_usd').query("flow == 'total'").set_index('year')['value_usd_bn']
    early, late = (by_year[2021] - by_year[2019], by_year[2023] - by_year[2021])
    assert abs(gain_multiple - early / late) > 0.01, 'gain_multiple is upside down: the gain after the invasion over the gain before it'
    pipes = data.load('pipelines').query("capacity_kind == 'agreed_expansion'").set_index('pipeline')['capacity']
    second = data.load('pipelines').query("pipeline == 'power_of_siberia_2'")['capacity'].item()
    assert abs(pos2_multiple - (pipes['power_of_siberia_1'] + second) / pipes['power_of_siberia_1']) > 0.01, 'That uses the agreed expansion of Power of Siberia 1: the question asks for design capacities'
    assert answer_q5 in ['A', 'B', 'C', 'D'], f'answer_q5 is {answer_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Only a third bigger is the increase, not the new total: add both pipelines first', 'B': 'Exactly twice would make pos2_multiple 2: is it?', 'C': 'Compare the two design capacities in pipelines: which is larger?'}
    assert answer_q5 not in why_not, why_not.get(answer_q5, '')

@test_case(points=0, hidden=False)
def test_pos2_multiple_compares_totals(pos2_multiple):
    import numbers
    assert isinstance(pos2_multiple, numbers.Real), 'Make pos2_multiple a number first (see the test above)'
    assert pos2_multiple > 1, 'pos2_multiple is below 1: put the total with both pipelines on top, Power of Siberia 1 alone below'
    assert pos2_multiple > 1.5, "Did you divide the new pipeline by the old one? That ratio is the increase; 'double' compares the total with both pipelines with Power of Siberia 1 alone"

