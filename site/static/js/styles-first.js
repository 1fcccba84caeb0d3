/* Empty on purpose: see the comment beside its <script defer> in templates/base.html.
   A deferred script runs only once the stylesheets before it have loaded, and
   DOMContentLoaded waits for it: the browser's work at DOMContentLoaded (Chromium's
   form scan for autofill forces a style and layout pass) then lays out the styled
   page once, instead of the unstyled page first and the styled page again. */
