package org.hotline12333.security;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    List<UserAccount> findAllByOrderByUsername();

    /** The enabled users of a role, locked until the transaction ends: two admins cannot remove each other at once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    List<UserAccount> findByRoleAndEnabledTrueOrderById(Role role);
}
