# Reguły automatyczne: wpisy w historii zgłoszenia.
history-automated = { $note }
staff-history-automated = { $note } (reguła { $rule })
