## Powitanie
welcome-title = Studiuj z nami
welcome-intro = Jedno konto pozwala zgłosić się na dowolną liczbę kierunków, śledzić każde zgłoszenie i odbierać decyzje przez internet.
welcome-step-account = Załóż konto i potwierdź adres e-mail.
welcome-step-apply = Wybierz kierunki i wypełnij zgłoszenie krok po kroku.
welcome-step-follow = W każdej chwili zobaczysz, czego jeszcze brakuje i co będzie dalej.
