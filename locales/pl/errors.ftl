## Błędy
error-summary-title = Wystąpił problem
error-go-home = Przejdź na stronę główną
error-status = Kod
error-request-id = Identyfikator żądania (podaj go, jeśli się z nami kontaktujesz)
error-400-title = Nie udało się zrozumieć żądania
error-400-body = Coś w żądaniu było nieprawidłowe. Wróć, sprawdź formularz i spróbuj ponownie.
error-403-title = Nie masz dostępu do tej strony
error-403-body = Ta strona jest przeznaczona dla innego rodzaju konta. Jeśli uważasz, że powinna być dla Ciebie dostępna, skontaktuj się z biurem rekrutacji.
error-404-title = Nie znaleziono strony
error-404-body = Adres może zawierać literówkę albo strona została przeniesiona.
error-413-title = Przesłane dane są za duże
error-413-body = Skróć tekst lub wybierz mniejszy plik i spróbuj ponownie.
error-500-title = Przepraszamy, wystąpił błąd po naszej stronie
error-500-body = Nic z tego, co zapisano przed tym krokiem, nie zostało utracone. Spróbuj ponownie za chwilę; jeśli błąd się powtarza, skontaktuj się z nami i podaj identyfikator żądania.
error-csrf-title = Formularz wygasł
error-csrf-body = Ze względów bezpieczeństwa formularz nie mógł zostać przyjęty: był otwarty zbyt długo albo został wysłany z innej strony. Wróć, odśwież stronę i wyślij go ponownie.
