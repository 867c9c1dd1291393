package org.hotline12333.security;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** The login page for the service's web pages: self-contained, nothing fetched from elsewhere. */
@Controller
class LoginPage {

    @GetMapping(value = "/login", produces = "text/html;charset=UTF-8")
    @ResponseBody
    String login(CsrfToken csrf, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String locked, @RequestParam(required = false) String logout) {
        String notice = error != null ? "<p class=\"error\">用户名或密码错误 / Wrong username or password</p>"
                : locked != null ? "<p class=\"error\">登录失败次数过多，请稍后再试 / Too many failed logins: try again "
                        + "later</p>"
                : logout != null ? "<p class=\"notice\">已退出 / Logged out</p>" : "";
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head><meta charset="UTF-8"><title>12333 热线 · 登录</title>
                <style>
                body{font-family:sans-serif;background:#f3f5f8;display:flex;justify-content:center;margin-top:10vh}
                form{background:#fff;padding:2em 2.5em;border-radius:8px;box-shadow:0 2px 8px #0002;min-width:18em}
                label{display:block;margin:.8em 0 .3em}input{width:100%%;padding:.5em;box-sizing:border-box}
                button{margin-top:1.2em;width:100%%;padding:.6em}.error{color:#b00}.notice{color:#060}
                </style></head>
                <body><form method="post" action="/login">
                <h1>12333 热线</h1>%s
                <label for="username">用户名 / Username</label><input id="username" name="username" autofocus required>
                <label for="password">密码 / Password</label>
                <input id="password" name="password" type="password" required>
                <input type="hidden" name="%s" value="%s">
                <button type="submit">登录 / Log in</button>
                </form></body></html>
                """.formatted(notice, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
