package org.hotline12333.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @GetMapping("/me")
    @PreAuthorize("isAuthenticated()")
    UserView me(Principal principal) {
        return users.find(principal.getName()).orElseThrow(() -> notFound(principal.getName()));
    }

    @GetMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    List<UserView> all() {
        return users.all();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    UserView create(@Valid @RequestBody NewUser user) {
        try {
            return users.create(user.username(), user.password(), user.role());
        } catch (Users.UserAlreadyExistsException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    /** Changes the caller's own password; other sessions of the user end. */
    @PutMapping("/me/password")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<Void> changeMyPassword(@Valid @RequestBody PasswordChange change, Principal principal) {
        users.changeOwnPassword(principal.getName(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    UserView update(@PathVariable String username, @Valid @RequestBody ChangedUser change) {
        return users.update(username, new Users.UserChange(change.password(), change.role(), change.enabled()))
                .orElseThrow(() -> notFound(username));
    }

    @ExceptionHandler(PasswordRules.WeakPassword.class)
    ProblemDetail weak(PasswordRules.WeakPassword e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(Users.LastAdministrator.class)
    ProblemDetail lastAdministrator(Users.LastAdministrator e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Users.WrongPassword.class)
    ProblemDetail wrongPassword(Users.WrongPassword e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    private static ResponseStatusException notFound(String username) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no user '" + username + "'");
    }

    record NewUser(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{2,64}", message = "2 to 64 letters, digits, '.', '_' or '-'")
            String username,
            @NotNull @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
            @NotNull Role role) {
    }

    record PasswordChange(@NotNull String currentPassword,
                          @NotNull @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String newPassword) {
    }

    record ChangedUser(@Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
                       Role role, Boolean enabled) {
    }
}
