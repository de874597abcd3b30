from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(putin_pct, putin_question, match_subject):
    import numbers
    from sinorussia import data
    assert putin_pct is not ..., 'putin_pct is still ...: select the poll and take its pct'
    assert not hasattr(putin_pct, 'index'), 'putin_pct is a pandas Series, not one number: select one row, e.g. with .iloc[-1] after sorting'
    assert isinstance(putin_pct, numbers.Real) and (not isinstance(putin_pct, bool)), f'putin_pct should be a number, not a {type(putin_pct).__name__}'
    assert 0 <= putin_pct <= 100, 'putin_pct is a share of respondents, between 0 and 100'
    questions = ['favourable', 'unfavourable', 'enemy', 'confidence', 'distrust', 'trust', 'negative', 'positive']
    assert putin_question in questions, f'putin_question is {putin_question!r}: it should be one value of the question column, as text, e.g. "favourable"'
    assert putin_question in ['unfavourable', 'distrust', 'negative', 'enemy'], f'{putin_question} is not a hostile answer: keep the questions unfavourable, distrust, negative and enemy'
    polls = data.load('us_opinion')
    later = polls[(polls['field_date'] >= '2025-03-04') & (polls['subject'] == 'putin')]
    assert not ((later['pct'] == putin_pct) & (later['question'] == putin_question)).any(), "That poll's fieldwork began after the article appeared: it cannot be the author's source"
    assert match_subject in ['russia', 'putin'], f'match_subject is {match_subject!r}: write "russia" or "putin", in quotes'
    assert match_subject != 'putin', 'The article says Putin, but read the subject column of the 85% result fielded before it'

