## Welcome
welcome-title = Apply to study with us
welcome-intro = One account lets you apply to any number of study programmes, follow each application and receive decisions online.
welcome-step-account = Create your account and confirm your email address.
welcome-step-apply = Choose programmes and fill in the application step by step.
welcome-step-follow = See at every moment what is still missing and what happens next.
