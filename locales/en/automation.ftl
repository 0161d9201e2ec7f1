# Automation rules: history entries they write.
history-automated = { $note }
staff-history-automated = { $note } (rule { $rule })
